"""``python -m newstool``."""

from newstool.cli import main

if __name__ == "__main__":
    main()
