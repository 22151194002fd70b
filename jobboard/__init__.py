"""ML Intern Board: project configuration package."""
