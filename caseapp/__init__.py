"""caseapp: case management for the people who help young care leavers into work."""

__version__ = "0.1.0"
