"""civicscope: how platforms and civic techs position themselves toward cities and public institutions."""

__version__ = "0.1.0"
