"""Speed comparisons of negotiation_sim against nashpy, pygambit and QuantEcon (not part of the tests)."""
