# The import ID is the role's name. The password is not imported.
terraform import postgresql_role.app app
