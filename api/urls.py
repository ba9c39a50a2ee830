from .endpoints import api

# django-ninja names its routes in the `api` namespace (urls_namespace in endpoints.py).
urlpatterns = api.urls[0]
app_name = "api"
