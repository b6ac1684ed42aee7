"""The trust index: render (the page, from the manifest), builder, templates/."""
