package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading templates as SAM would: the constructs template.yaml uses, resolved with local names. */
class SamTemplateTest {
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

    final SamTemplate template = SamTemplate.from(TemplateYaml.parse(TEMPLATE), Map.of("Stage", "local"), "readpulse-local");

    @Test
    void theTableIsNamedLocallyAndEveryFunctionGetsTheGlobalsAndItsOwnVariables() {
        assertEquals("readpulse-local", template.tableName());
        SamTemplate.Function collect = function("CollectFunction");
        assertEquals("io.readpulse.entrypoints.CollectHandler", collect.handlerClass());
        assertEquals(Map.of("TABLE_NAME", "readpulse-local", "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation",
                "RAW_EVENT_RETENTION_DAYS", "7"), collect.environment(), "a variable the runner cannot evaluate is left out");
        assertEquals(Duration.ofSeconds(10), collect.timeout());
        assertEquals(Duration.ofSeconds(120), function("AggregateFunction").timeout());
    }

    @Test
    void httpApiEventsBecomeRoutesAndOtherApisAreNotPlayed() {
        assertEquals(List.of(new SamTemplate.HttpRoute("POST", "/v1/events"), new SamTemplate.HttpRoute("ANY", "$default")),
                function("CollectFunction").routes());
    }

    @Test
    void theStreamMappingKeepsItsBatchingRetriesAndFilter() {
        SamTemplate.StreamSource stream = function("AggregateFunction").streams().get(0);
        assertEquals(10000, stream.batchSize());
        assertEquals(Duration.ofSeconds(60), stream.window());
        assertTrue(stream.bisectOnError());
        assertEquals(10, stream.maxRetries());
        assertEquals("{\"eventName\":[\"INSERT\"]}", stream.filters().get(0).toString());
    }

    @Test
    void schedulesKeepTheirExpressionStateAndInput() {
        List<SamTemplate.Schedule> schedules = function("ComputeTrendingFunction").schedules();
        assertEquals(new SamTemplate.Schedule("Schedule", "rate(1 minute)", true, false, null), schedules.get(0));
        SamTemplate.Schedule paused = schedules.get(1);
        assertFalse(paused.enabled());
        assertTrue(paused.schedulerV2());
        assertEquals("{\"mode\":\"all\"}", paused.input());
    }

    @Test
    void aNamedTableAndSubstitutionsResolveAsCloudFormationWould() {
        SamTemplate named = SamTemplate.from(TemplateYaml.parse("""
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
                """), Map.of(), "stack");
        assertEquals("readpulse-prod-us-east-1", named.tableName());
        assertEquals(Map.of("ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/readpulse-prod-us-east-1",
                "LITERAL", "${NotAVariable} in 123456789012", "JOINED", "prod-x"), named.functions().get(0).environment());
    }

    private SamTemplate.Function function(String logicalId) {
        return template.functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
