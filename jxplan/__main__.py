"""``python -m jxplan``: see :mod:`jxplan.cli`."""

from jxplan.cli import main

if __name__ == "__main__":  # a spawned worker of `figures --jobs` imports this module too
    raise SystemExit(main())
