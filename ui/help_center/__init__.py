"""Help Center › Articles: the list, the Markdown editor drawer, safe previews, and the article
change shown to approvers."""
