"""Published closed-form models of coercive bargaining (Fearon, Rubinstein, ...)."""

__all__: list[str] = []
