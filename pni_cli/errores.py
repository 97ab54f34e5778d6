"""The exceptions that reach the CLI, each mapped to one exit code in `cli.main`."""


class ErrorDeUso(Exception):
    """Wrong usage detected by our own code (bad date, unknown eje…): exit code 2."""


class PlanInvalido(Exception):
    """The plan itself has errors: nothing can be computed from it (exit code 1)."""


class ErrorDeEscritura(Exception):
    """An output file could not be written, or exists and --forzar was not given: exit code 3."""
