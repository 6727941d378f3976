// Starts Swagger UI on /docs over this server's own OpenAPI document.
window.addEventListener("load", function () {
  if (!window.SwaggerUIBundle) return;
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
                               deepLinking: true, validatorUrl: null});
});
