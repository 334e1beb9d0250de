package io.readpulse.local.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs a browser test class only where Chromium and chromedriver are installed; elsewhere it is skipped, saying why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(EnabledIfChromium.Condition.class)
public @interface EnabledIfChromium {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Chromium.installed()) {
                return ConditionEvaluationResult.enabled("Chromium is installed");
            }
            String message = Chromium.notInstalledMessage() + " (" + context.getDisplayName() + ")";
            System.out.println("[readpulse] " + message);
            return ConditionEvaluationResult.disabled(message);
        }
    }
}
