"""The portfolio in every format: `words` says it (the summary's sentences, lists and
tables, in both languages), and each other module renders it as one format."""

from merchant_cli.reporters.portfolio.words import FORMATS as FORMATS
from merchant_cli.reporters.portfolio.words import Links as Links
from merchant_cli.reporters.portfolio.words import renderer as renderer
