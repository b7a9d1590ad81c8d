"""The serving fixtures' data home (a trained tiny run promoted as ``arith:v1``), shared here so
the sample runs draw from the same served model the serving tests check; and the runs tests'
environment for a CLI process."""

from tests.runs.conftest import cli_env as cli_env
from tests.serving.conftest import home as home
