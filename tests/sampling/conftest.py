"""The serving fixtures' data home (a trained tiny run promoted as ``arith:v1``), shared here so
the sample runs draw from the same served model the serving tests check."""

from tests.serving.conftest import home as home
