"""e5portfolio: validate, publish and audit a BTS SIO E5 portfolio."""

__version__ = "0.2.0"
