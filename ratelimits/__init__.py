"""Abuse limits for the whole site: which address is the visitor's (`client.client_address`,
one rule for every app and for django-axes' login lockout), how many requests one visitor may
send per window (`limiter`, counted in Django's cache so every worker shares the count) and
the 429 answers (`responses`). `middleware.RateLimitMiddleware` applies the limits to the
site search, suggestions, pages asked with a query, the HSDS API and the widgets."""
