app_name = "prevention"
urlpatterns = []
