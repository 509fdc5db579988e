"""`caseapp` as the test suite runs it in a subprocess: `python tests/run_caseapp.py ARGS`.

The same command line as `python -m caseapp`, with the test suite's switch for cheap key
derivation turned on in this process first (see caseapp/store/keyfile.py). It lives under
tests/, which is not part of the installed package, so no user's `caseapp` can do this.
"""

from __future__ import annotations

from caseapp.store.keyfile import allow_cheap_costs_for_tests

allow_cheap_costs_for_tests()

from caseapp.cli import main  # noqa: E402

raise SystemExit(main())
