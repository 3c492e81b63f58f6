// Placeholder: implemented in the issue 13 branches (see the headers).
