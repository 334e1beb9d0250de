package io.readpulse.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a test class only where a Docker engine answers; elsewhere it is skipped, saying why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfDocker.Condition.class)
public @interface EnabledIfDocker {

    final class Condition implements ExecutionCondition {
        private static Boolean available;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (available == null) {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException | LinkageError noDocker) {
                    available = false;
                }
            }
            if (available) {
                return ConditionEvaluationResult.enabled("Docker is available: running against LocalStack");
            }
            String message = "No Docker engine here: the LocalStack run of " + context.getDisplayName()
                    + " is skipped; the same tests ran against Dynoxide";
            System.out.println("[readpulse] " + message);
            return ConditionEvaluationResult.disabled(message);
        }
    }
}
