"""Anonymous visitors for `bench/bench_load.py` (locust, headless). The URLs to visit come
from the environment (LOAD_URLS: JSON written by bench_load.py from the database)."""

import json
import os
import random

from locust import HttpUser, between, task

URLS = json.loads(os.environ.get("LOAD_URLS", "{}"))


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    @task(4)
    def home(self):
        self.client.get(random.choice(URLS["home"]), name="home")

    @task(3)
    def directory_with_filters(self):
        topic, canton = random.choice(URLS["topics"]), random.choice(URLS["cantons"])
        self.client.get(f"{URLS['directory']}?topic={topic}&canton={canton}",
                        name="directory ?topic&canton")

    @task(4)
    def entry_page(self):
        self.client.get(random.choice(URLS["entries"]), name="entry page")

    @task(2)
    def suggestions(self):
        self.client.get(f"/de/search/suggest/?q={random.choice(URLS['words'])}",
                        name="suggestions")

    @task(1)
    def api(self):
        self.client.get(f"/api/hsds/services?per_page=25&page={random.randint(1, 3)}",
                        name="api services")

    @task(1)
    def widget(self):
        if URLS["widgets"]:
            self.client.get(f"/api/widgets/{random.choice(URLS['widgets'])}/", name="widget api")
