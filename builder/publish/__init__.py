"""Output folders swapped in whole (staging) and each school's site packaged to upload (package)."""
