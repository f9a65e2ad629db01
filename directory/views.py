def directory_search_context(request, index_page):
    return {}
