"""``python -m jxplan``: see :mod:`jxplan.cli`."""

from jxplan.cli import main

raise SystemExit(main())
