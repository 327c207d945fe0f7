# bash completion for talks(1).  The words come from talks itself
# (talks __complete), which knows each command's options and reads the
# columns and values of the files named on the line; where it answers
# with status 1 the place is a file's, and file names are completed.
_talks()
{
	local out line
	COMPREPLY=()
	out=$(command talks __complete "$COMP_CWORD" "${COMP_WORDS[@]}" \
	    2>/dev/null)
	case $? in
	0)
		while IFS= read -r line; do
			case $line in
			'') ;;
			*[!A-Za-z0-9_.,:/@%+=-]*)
				COMPREPLY+=("$(printf '%q' "$line")") ;;
			*) COMPREPLY+=("$line") ;;
			esac
		done <<<"$out"
		# A field list goes on after a comma: no space after it.
		case ${COMP_WORDS[COMP_CWORD]} in
		*,*) compopt -o nospace 2>/dev/null ;;
		esac
		;;
	1)
		compopt -o default 2>/dev/null
		;;
	esac
	return 0
}
complete -F _talks talks
