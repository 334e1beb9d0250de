package io.readpulse.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One Schedule or ScheduleV2 event of a function: builds the event EventBridge (or EventBridge
 * Scheduler) sends, in the shape of sam local's ScheduledEvent.json, or the rule's constant Input.
 */
final class ScheduledRule {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LocalFunction function;
    private final LocalTemplate.Schedule schedule;
    private final String stackName;

    ScheduledRule(LocalFunction function, LocalTemplate.Schedule schedule, String stackName) {
        this.function = function;
        this.schedule = schedule;
        this.stackName = stackName;
    }

    LocalFunction function() {
        return function;
    }

    LocalTemplate.Schedule schedule() {
        return schedule;
    }

    /** Invokes the function once with the event of a schedule firing now. */
    void fire(Clock clock) {
        function.invoke(event(clock));
    }

    String event(Clock clock) {
        if (schedule.input() != null) {
            return schedule.input();
        }
        String name = stackName + "-" + function.name() + schedule.eventName();
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", schedule.schedulerV2() ? "aws.scheduler" : "aws.events");
        event.put("account", Intrinsics.ACCOUNT);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", Intrinsics.REGION);
        event.putArray("resources").add(schedule.schedulerV2()
                ? "arn:aws:scheduler:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":schedule/default/" + name
                : "arn:aws:events:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":rule/" + name);
        event.putObject("detail");
        return event.toString();
    }
}
