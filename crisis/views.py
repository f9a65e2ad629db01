from django.shortcuts import render

import crisis


def helplines(request):
    """The page the "Help in a crisis" link in the site header leads to."""
    return render(request, "crisis/helplines.html", {"helplines": crisis.helplines()})
