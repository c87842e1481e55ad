package com.saascrm.security.throttle;

/** How a route's clients expect an error: the API's problem details, or Camunda's error object. */
enum RefusalFormat {
    /** RFC 9457 {@code application/problem+json}, as every error of the API. */
    PROBLEM_DETAIL,
    /** {@code {"type": ..., "message": ...}}, as engine-rest and the web apps' own API answer errors. */
    CAMUNDA_ERROR
}
