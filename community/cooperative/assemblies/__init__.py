"""General assemblies online: staff convene and publish an assembly (agenda,
resolutions, documents); members vote during its window, in person or by proxy; the
results are weighted by college (SCIC). Its models live in the `cooperative` app (they
are imported at the end of community/cooperative/models.py)."""
