# fish completion for talks(1): the words come from talks itself (talks
# __complete); where it answers with status 1 the place is a file's.
function __talks_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l out (command talks __complete (math (count $words) - 1) $words 2>/dev/null)
    set -l st $status
    if test $st -eq 0
        printf '%s\n' $out
    else if test $st -eq 1
        __fish_complete_path (commandline -ct)
    end
end
complete -c talks -f -a '(__talks_complete)'
