"""``python -m allyplan`` and the ``allyplan`` command: Ctrl-C at any moment, even while the libraries load, ends with
a one-line message and exit code 130, never a traceback."""

import gc
import sys


def main() -> None:
    # Loading the libraries makes hundreds of thousands of objects and no garbage: the cycle collector stays off
    # while they load (see allyplan.cli.own_process and loading: 0.15 of the example plan's 1.3 CPU seconds).
    gc.disable()
    try:
        from allyplan import cli

        cli.own_process()
        cli.app(prog_name="allyplan")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was done\n")
        raise SystemExit(130) from None
    finally:
        gc.enable()


if __name__ == "__main__":
    main()
