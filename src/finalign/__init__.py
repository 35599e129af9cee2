"""finalign: an offline alignment case study that teaches a small model responsible debt-payoff advice."""

__version__ = "0.1.0"
