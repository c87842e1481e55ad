package com.saascrm.cancellation;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A completion of a task that is no longer open: completed, or never there. A form validation exception only
 * because that is the one engine exception that engine-rest's complete and submit-form answer with 400.
 */
class TaskNotOpenException extends FormFieldValidationException {

    TaskNotOpenException(String taskId) {
        super(null, "task " + taskId + " is not open: it has been completed or does not exist");
    }
}
