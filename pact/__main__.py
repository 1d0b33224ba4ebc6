from pact.cli import exit_now, main

code = main(own_process=True)
# CPython (3.11 to 3.13 at least) remembers a KeyboardInterrupt that ended any exec() of a string,
# even one caught later (dataclasses build their methods so, while pact imports), and under
# ``python -m`` then ends the process by SIGINT instead of with ``code``. A string exec that
# completes clears that memory, so that Ctrl-C gives exit code 130 after its one line.
exec("")
exit_now(code)
