"""Members' data rights (RGPD): export of everything held about a member (inventory),
erasure of their account (services), by the member or by staff on request (dashboard/),
every time logged (models.PrivacyLogEntry). Posts, comments and needs of an erased
member stay, signed "Former member"; see services' docstring for what stays and goes."""
