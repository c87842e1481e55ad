package com.saascrm.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

/** A login as the API takes it in a path: the one rule for every route (Camunda takes it as a user id). */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}")
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@interface Login {

    @OverridesAttribute(constraint = Pattern.class, name = "message")
    String message() default
            "must be 1 to 64 lowercase letters, digits, dots, underscores or hyphens, starting with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
