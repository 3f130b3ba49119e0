// src/dom.ts
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`page is missing #${id} (${type.name})`);
  }
  return el;
}

// src/signin.ts
var error = byId("signin-error", HTMLParagraphElement);
var status = byId("signin-status", HTMLParagraphElement);
var query = new URLSearchParams(location.search);
if (query.has("failed")) {
  error.textContent = "Wrong user name or password.";
} else if (query.has("signed-out")) {
  status.textContent = "You are signed out.";
}
