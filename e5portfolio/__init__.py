"""e5portfolio: validate, publish and audit a BTS SIO E5 portfolio."""

__version__ = "0.1.0"
