# The import ID is the database's name.
terraform import postgresql_database.app app
