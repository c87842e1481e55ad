package com.saascrm.cancellation;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.SerializableValue;

/**
 * Java serialization is off in this engine (it would let a caller run code on the server). The engine refuses such
 * a value only deep inside a command, with an error that engine-rest answers with 500; the guarded services look
 * first, without deserializing anything, so the caller gets a client error.
 */
final class JavaSerializedValues {

    private JavaSerializedValues() {}

    static Optional<String> firstIn(Map<String, ?> variables) {
        if (variables == null) {
            return Optional.empty();
        }
        return variables.keySet().stream()
                .filter(name -> isJavaSerialized(variables, name))
                .findFirst();
    }

    static String refusal(String name) {
        return "variable " + name + " is a Java-serialized object, which this application never accepts";
    }

    private static boolean isJavaSerialized(Map<String, ?> variables, String name) {
        return WizardTaskContract.submittedValue(variables, name) instanceof SerializableValue serializable
                && SerializationDataFormats.JAVA.getName().equals(serializable.getSerializationDataFormat());
    }
}
