package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading templates as SAM would: the constructs template.yaml uses, resolved with local names. */
class LocalTemplateTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: prod
              RawEventRetentionDays:
                Type: Number
                Default: 7
              TrendingSchedule:
                Type: String
                Default: rate(1 minute)
              AlarmEmail:
                Type: String
                Default: ''
            Conditions:
              HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]
            Globals:
              Function:
                Runtime: java21
                Timeout: 10
                Tags:
                  stage: !Ref Stage
                Environment:
                  Variables:
                    TABLE_NAME: !Ref Table
                    JAVA_TOOL_OPTIONS: -XX:+TieredCompilation
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              PublicApi:
                Type: AWS::Serverless::HttpApi
                Properties:
                  CorsConfiguration: !If [HasAlarmEmail, {AllowOrigins: !Split [',', !Sub 'https://${Cdn.DomainName}']}, !Ref AWS::NoValue]
              CollectFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.entrypoints.CollectHandler::handleRequest
                  LoggingConfig:
                    LogGroup: !Ref CollectLogs
                  Environment:
                    Variables:
                      RAW_EVENT_RETENTION_DAYS: !Ref RawEventRetentionDays
                      UNSUPPORTED: !Select [0, [a, b]]
                  Events:
                    Collect:
                      Type: HttpApi
                      Properties:
                        ApiId: !Ref PublicApi
                        Method: post
                        Path: /v1/events
                    Everything:
                      Type: HttpApi
                    Legacy:
                      Type: Api
                      Properties:
                        Path: /old
                        Method: get
              AggregateFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.entrypoints.AggregateHandler::handleRequest
                  Timeout: 120
                  Events:
                    RawEvents:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
                        BatchSize: 10000
                        MaximumBatchingWindowInSeconds: 60
                        BisectBatchOnFunctionError: true
                        MaximumRetryAttempts: 10
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"eventName":["INSERT"]}'
              ComputeTrendingFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: io.readpulse.entrypoints.ComputeTrendingHandler::handleRequest
                  Events:
                    Schedule:
                      Type: Schedule
                      Properties:
                        Schedule: !Ref TrendingSchedule
                        RetryPolicy:
                          MaximumRetryAttempts: 0
                    Paused:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: rate(5 minutes)
                        State: DISABLED
                        Input: '{"mode":"all"}'
            """;

    @TempDir
    Path folder;

    LocalTemplate read(String yaml, Map<String, String> overrides, String stackName) throws IOException {
        Path file = Files.writeString(folder.resolve("template-" + yaml.hashCode() + ".yaml"), yaml);
        return LocalTemplate.read(file, overrides, stackName);
    }

    @Test
    void theTableIsNamedLocallyAndEveryFunctionGetsTheGlobalsAndItsOwnVariables() throws IOException {
        assertEquals("readpulse-local", read(TEMPLATE, Map.of(), "readpulse-local").tableName());
        LocalTemplate.Function collect = function("CollectFunction");
        assertEquals("io.readpulse.entrypoints.CollectHandler", collect.handlerClass());
        assertEquals(Map.of("TABLE_NAME", "readpulse-local", "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation",
                "RAW_EVENT_RETENTION_DAYS", "7"), collect.environment(), "a variable the runner cannot evaluate is left out");
        assertEquals(Duration.ofSeconds(10), collect.timeout());
        assertEquals(Duration.ofSeconds(120), function("AggregateFunction").timeout());
    }

    @Test
    void httpApiEventsBecomeRoutesAndOtherApisAreNotPlayed() throws IOException {
        assertEquals(List.of(new LocalTemplate.HttpRoute("POST", "/v1/events"), new LocalTemplate.HttpRoute("ANY", "$default")),
                function("CollectFunction").routes());
    }

    @Test
    void theStreamMappingKeepsItsBatchingRetriesAndFilter() throws IOException {
        LocalTemplate.StreamSource stream = function("AggregateFunction").streams().get(0);
        assertEquals(10000, stream.batchSize());
        assertEquals(Duration.ofSeconds(60), stream.window());
        assertTrue(stream.bisectOnError());
        assertEquals(10, stream.maxRetries());
        assertTrue(stream.filter().admits(MAPPER.readTree("{\"eventName\":\"INSERT\"}")));
        assertFalse(stream.filter().admits(MAPPER.readTree("{\"eventName\":\"REMOVE\"}")));
    }

    @Test
    void schedulesKeepTheirExpressionStateAndInput() throws IOException {
        List<LocalTemplate.Schedule> schedules = function("ComputeTrendingFunction").schedules();
        assertEquals(new LocalTemplate.Schedule("Schedule", "rate(1 minute)", true, false, null), schedules.get(0));
        LocalTemplate.Schedule paused = schedules.get(1);
        assertFalse(paused.enabled());
        assertTrue(paused.schedulerV2());
        assertEquals("{\"mode\":\"all\"}", paused.input());
    }

    @Test
    void aNamedTableAndSubstitutionsResolveAsCloudFormationWould() throws IOException {
        LocalTemplate named = read("""
                Parameters:
                  Stage: {Type: String, Default: prod}
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub 'readpulse-${Stage}-${AWS::Region}'
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Environment:
                        Variables:
                          ARN: !GetAtt Table.Arn
                          LITERAL: !Sub '${!NotAVariable} in ${AWS::AccountId}'
                          JOINED: !Join ['-', [!Ref Stage, x]]
                """, Map.of(), "stack");
        assertEquals("readpulse-prod-us-east-1", named.tableName());
        assertEquals(Map.of("ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/readpulse-prod-us-east-1",
                "LITERAL", "${NotAVariable} in 123456789012", "JOINED", "prod-x"), named.functions().get(0).environment());
    }

    private LocalTemplate.Function function(String logicalId) throws IOException {
        return read(TEMPLATE, Map.of("Stage", "local"), "readpulse-local").functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
