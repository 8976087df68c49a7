"""REST API for system integrations (/api/v1/): HTTP only, no business logic."""
