// The sign-in page: a plain form that posts to /api/session. The server
// answers with a redirect; this script only says why the last attempt
// failed (or that the person signed out), read from the query string.

import { byId } from './dom';

const error = byId('signin-error', HTMLParagraphElement);
const status = byId('signin-status', HTMLParagraphElement);
const query = new URLSearchParams(location.search);

if (query.has('failed')) {
  error.textContent = 'Wrong user name or password.';
} else if (query.has('signed-out')) {
  status.textContent = 'You are signed out.';
}
