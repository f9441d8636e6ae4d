"""Build tooling, apart from the book's code: cache invalidation, output refresh, screenshots, the
proposal tool and Sphinx extensions. No notebook imports it, so none of it is a notebook's cache input."""
