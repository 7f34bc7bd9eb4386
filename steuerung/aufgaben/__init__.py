"""Open tasks of a user for the start page ("Meine Aufgaben"), one module per kind of work.

Each function takes the user and the day, stays within what the user may see
(organisation.selectors) and costs a bounded number of queries; the frontend combines them per role.
"""
