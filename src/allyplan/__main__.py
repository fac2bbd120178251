"""``python -m allyplan`` and the ``allyplan`` command: Ctrl-C at any moment, even while the libraries load, ends with
a one-line message and exit code 130, never a traceback."""

import sys


def main() -> None:
    try:
        from allyplan.cli import app

        app(prog_name="allyplan")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was done\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
