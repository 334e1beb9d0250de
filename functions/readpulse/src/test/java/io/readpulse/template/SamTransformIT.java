package io.readpulse.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml through AWS's own SAM translator ({@code ../shared/tools/sam-translate}, offline),
 * and the CloudFormation that comes out, as it would deploy with the default parameters and with
 * EdgeProtection on: the roles SAM makes grant nothing on {@code *} beyond AWS's managed logging,
 * tracing and stream-reading policies; the routes, CORS, throttles and stream mapping are what the
 * README says; the distribution, its response headers policies and the web ACL are there when
 * they should be; and every reference resolves. Copies of the template with one mistake each
 * show that the transform and the reference check do fail.
 *
 * <p>Where the tool or its Debian packages are absent (a clone on its own), this says so and is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamTransformIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    static final String XRAY_WRITE = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess";
    static final String DYNAMODB_STREAM_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
    /** Managed CloudFront policies the template names by id. */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    @TempDir
    static Path scratch;
    Path tool;
    JsonNode translated;

    @BeforeAll
    void translateOrSkip() throws Exception {
        tool = Fixtures.repositoryRoot().resolve("../shared/tools/sam-translate").normalize();
        if (!Files.isRegularFile(tool)) {
            skip(tool + " is not here (it sits beside the repository on the build machine): the SAM transform was not run");
        }
        Translation result = translate(Fixtures.repositoryRoot().resolve("template.yaml"), "us-east-1");
        if (result.output().contains("sam-translate needs")) {
            skip("sam-translate's Python packages are not installed (apt-get install -y python3-pydantic python3-boto3"
                    + " python3-jsonschema python3-typing-extensions, as .ci/run does): the SAM transform was not run");
        }
        assertEquals(0, result.exit(), "sam-translate template.yaml:\n" + result.output());
        translated = result.cloudFormation();
    }

    @Test
    void withTheDefaultsNoWebAclAndTheDashboardIsSameOriginWithTheReports() {
        ResolvedTemplate deployed = ResolvedTemplate.of(translated, Map.of());
        assertEquals(List.of(), deployed.danglingReferences());
        assertEquals(List.of(), deployed.dependencyCycle(), "resources that need each other cannot be created");
        assertEquals(List.of(), deployed.resourceIdsOfType("AWS::WAFv2::WebACL"));
        JsonNode distribution = distribution(deployed);
        assertFalse(distribution.has("WebACLId"));
        assertEquals(Set.of("/dashboard/*", "/v1/sites/*/reports/*"), behaviors(distribution).keySet());
        assertEquals(Set.of("static", "reports-api"), origins(distribution).keySet());
        checkReportsBehavior(deployed, distribution);
        checkResponseHeaders(deployed, distribution);
    }

    @Test
    void withEdgeProtectionTheDistributionFrontsThePublicApiBehindPerClientRateLimits() throws IOException {
        JsonNode edge = translate(Fixtures.repositoryRoot().resolve("template.yaml"), "us-east-1", "EdgeProtection=on").cloudFormation();
        ResolvedTemplate deployed = ResolvedTemplate.of(edge, Map.of("EdgeProtection", "on"));
        assertEquals(List.of(), deployed.danglingReferences());
        assertEquals(List.of(), deployed.dependencyCycle(), "resources that need each other cannot be created");

        JsonNode distribution = distribution(deployed);
        assertEquals(MAPPER.readTree("{\"Fn::GetAtt\":[\"EdgeWebAcl\",\"Arn\"]}"), distribution.path("WebACLId"));
        Map<String, JsonNode> behaviors = behaviors(distribution);
        assertEquals(Set.of("/dashboard/*", "/v1/sites/*/reports/*", "/v1/events", "/v1/sites/*/trending"), behaviors.keySet());
        JsonNode publicApi = origins(distribution).get("public-api");
        assertEquals(MAPPER.readTree("{\"Fn::Sub\":\"${PublicApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}\"}"), publicApi.path("DomainName"));
        assertEquals("https-only", publicApi.path("CustomOriginConfig").path("OriginProtocolPolicy").asText());

        JsonNode events = behaviors.get("/v1/events");
        assertEquals("public-api", events.path("TargetOriginId").asText());
        assertTrue(strings(events.path("AllowedMethods")).contains("POST"));
        assertEquals(CACHING_DISABLED, events.path("CachePolicyId").asText());
        JsonNode eventHeaders = deployed.resource("EdgeEventsOriginRequests").path("Properties").path("OriginRequestPolicyConfig").path("HeadersConfig");
        assertEquals("whitelist", eventHeaders.path("HeaderBehavior").asText());
        assertTrue(strings(eventHeaders.path("Headers")).containsAll(List.of("User-Agent", "Origin", "Content-Type", "CloudFront-Viewer-Address", "CloudFront-Viewer-Country")),
                "Collect's inputs and the viewer's address and country: " + eventHeaders);
        assertFalse(strings(eventHeaders.path("Headers")).contains("Host"), "API Gateway must get its own Host");
        JsonNode trending = behaviors.get("/v1/sites/*/trending");
        assertEquals("public-api", trending.path("TargetOriginId").asText());
        assertEquals(ALL_VIEWER_EXCEPT_HOST, trending.path("OriginRequestPolicyId").asText());
        checkReportsBehavior(deployed, distribution);
        checkResponseHeaders(deployed, distribution);

        List<String> acls = deployed.resourceIdsOfType("AWS::WAFv2::WebACL");
        assertEquals(List.of("EdgeWebAcl"), acls);
        JsonNode acl = deployed.resource("EdgeWebAcl").path("Properties");
        assertEquals("CLOUDFRONT", acl.path("Scope").asText());
        assertTrue(acl.path("DefaultAction").has("Allow"));
        assertFalse(acl.path("VisibilityConfig").path("SampledRequestsEnabled").asBoolean(true), "sampled requests would keep IP addresses");
        Map<String, JsonNode> rules = new TreeMap<>();
        acl.path("Rules").forEach(rule -> rules.put(rule.path("Name").asText(), rule));
        assertEquals(Set.of("reports-per-client", "public-api-per-client"), rules.keySet());
        for (JsonNode rule : rules.values()) {
            JsonNode rate = rule.path("Statement").path("RateBasedStatement");
            assertEquals("IP", rate.path("AggregateKeyType").asText(), rule.path("Name") + " counts per client address");
            assertTrue(rule.path("Action").has("Block"));
            assertEquals(429, rule.path("Action").path("Block").path("CustomResponse").path("ResponseCode").asInt());
            assertFalse(rule.path("VisibilityConfig").path("SampledRequestsEnabled").asBoolean(true));
        }
        assertEquals("EdgeReportsRateLimit", rules.get("reports-per-client").path("Statement").path("RateBasedStatement").path("Limit").path("Ref").asText());
        assertEquals("EdgeEventsRateLimit", rules.get("public-api-per-client").path("Statement").path("RateBasedStatement").path("Limit").path("Ref").asText());
        assertTrue(Integer.parseInt(defaultOf(edge, "EdgeReportsRateLimit")) < Integer.parseInt(defaultOf(edge, "EdgeEventsRateLimit")),
                "the reports' limit per client is the tighter one");
        assertTrue(rules.get("reports-per-client").toString().contains("/reports/"));
        assertTrue(rules.get("public-api-per-client").toString().contains("/v1/events") && rules.get("public-api-per-client").toString().contains("/trending"));

        // The route throttles stay, as the backstop for all clients together.
        checkRoutesThrottlesAndCors(deployed);
        assertTrue(deployed.root().path("Outputs").has("EdgeApiUrl"));
    }

    /** The Rules section refuses EdgeProtection=on outside us-east-1, where CloudFront's web ACLs cannot be made. */
    @Test
    void edgeProtectionIsRefusedOutsideUsEast1() {
        JsonNode rule = translated.path("Rules").path("EdgeProtectionNeedsUsEast1");
        assertFalse(rule.isMissingNode(), "the transform keeps the Rules section: " + translated.path("Rules"));
        for (String region : List.of("us-east-1", "eu-west-1")) {
            for (String edge : List.of("off", "on")) {
                ResolvedTemplate deployment = ResolvedTemplate.of(translated, Map.of("EdgeProtection", edge, "AWS::Region", region));
                boolean applies = deployment.truth(rule.path("RuleCondition"));
                boolean holds = true;
                for (JsonNode assertion : rule.path("Assertions")) {
                    holds &= deployment.truth(assertion.path("Assert"));
                }
                assertEquals(edge.equals("on") && region.equals("eu-west-1"), applies && !holds, "EdgeProtection=" + edge + " in " + region);
            }
        }
    }

    @Test
    void theRolesSamMakesGrantNothingOnAnyResourceBeyondAwsManagedLoggingTracingAndStreamReading() {
        ResolvedTemplate deployed = ResolvedTemplate.of(translated, Map.of());
        SamTemplate sam = SamTemplate.repository();
        Set<String> roles = new TreeSet<>(deployed.resourceIdsOfType("AWS::IAM::Role"));
        Set<String> functionRoles = new TreeSet<>();
        sam.functions().keySet().forEach(function -> functionRoles.add(function + "Role"));
        assertEquals(functionRoles, roles, "every role is a function's own, and nothing else gets one");

        for (SamTemplate.SamFunction function : sam.functions().values()) {
            JsonNode role = deployed.resource(function.logicalId() + "Role").path("Properties");
            Set<String> allowedManaged = new TreeSet<>(List.of(BASIC_EXECUTION, XRAY_WRITE));
            if (function.events().values().stream().anyMatch(event -> "DynamoDB".equals(event.path("Type").asText()))) {
                allowedManaged.add(DYNAMODB_STREAM_EXECUTION);
            }
            Set<String> managed = new TreeSet<>(strings(role.path("ManagedPolicyArns")));
            assertTrue(allowedManaged.containsAll(managed), function.logicalId() + " has managed policies " + managed + "; allowed: " + allowedManaged);
            assertTrue(managed.containsAll(List.of(BASIC_EXECUTION, XRAY_WRITE)), function.logicalId() + " logs and traces: " + managed);
            assertTrue(role.path("AssumeRolePolicyDocument").toString().contains("lambda.amazonaws.com"));

            for (JsonNode policy : role.path("Policies")) {
                for (JsonNode statement : asList(policy.path("PolicyDocument").path("Statement"))) {
                    String where = function.logicalId() + " " + policy.path("PolicyName").asText() + " " + statement;
                    assertEquals("Allow", statement.path("Effect").asText(), where);
                    for (JsonNode resource : asList(statement.path("Resource"))) {
                        assertFalse(resource.isTextual(), "a literal resource (a wildcard, or another stack's): " + where);
                        assertTrue(resource.has("Fn::GetAtt") || resource.has("Ref") || resource.has("Fn::Sub"), where);
                        assertFalse(resource.toString().contains("*"), "a wildcard resource: " + where);
                    }
                    if (statement.toString().contains("dynamodb:")) {
                        assertFalse(statement.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys").isMissingNode(),
                                "the LeadingKeys condition did not survive the transform: " + where);
                    }
                }
            }
        }
    }

    /** With ReportsAllowedOrigins, those origins and no more; the key's header and no other (no unused x-api-key). */
    @Test
    void reportsCorsAnswersTheListedOriginsOnly() {
        String listed = "https://newsroom.example,https://tools.example";
        JsonNode withOrigins = translate(Fixtures.repositoryRoot().resolve("template.yaml"), "us-east-1", "ReportsAllowedOrigins=" + listed).cloudFormation();
        ResolvedTemplate deployed = ResolvedTemplate.of(withOrigins, Map.of("ReportsAllowedOrigins", listed));
        JsonNode cors = deployed.resource("ReportsApi").path("Properties").path("Body").path("x-amazon-apigateway-cors");
        assertEquals("{\"Fn::Split\":[\",\",\"" + listed + "\"]}", cors.path("allowOrigins").toString());
        assertEquals(List.of("authorization"), strings(cors.path("allowHeaders")));
        assertEquals(List.of("GET", "OPTIONS"), strings(cors.path("allowMethods")));
        assertEquals(List.of(), deployed.dependencyCycle());
    }

    @Test
    void routesCorsThrottlesAndTheStreamMappingAreWhatTheReadmeSays() {
        ResolvedTemplate deployed = ResolvedTemplate.of(translated, Map.of());
        checkRoutesThrottlesAndCors(deployed);

        List<String> mappings = deployed.resourceIdsOfType("AWS::Lambda::EventSourceMapping");
        assertEquals(1, mappings.size(), "one stream mapping: " + mappings);
        JsonNode mapping = deployed.resource(mappings.get(0)).path("Properties");
        // README, "What gets deployed": batches of up to 10,000 records or 60 seconds, raw-event inserts only,
        // bisected and retried up to 10 times within an hour, then described in AggregateFailures.
        assertEquals(10000, mapping.path("BatchSize").asInt());
        assertEquals(60, mapping.path("MaximumBatchingWindowInSeconds").asInt());
        assertEquals(1, mapping.path("ParallelizationFactor").asInt());
        assertTrue(mapping.path("BisectBatchOnFunctionError").asBoolean());
        assertEquals(10, mapping.path("MaximumRetryAttempts").asInt());
        assertEquals(3600, mapping.path("MaximumRecordAgeInSeconds").asInt());
        assertEquals("TRIM_HORIZON", mapping.path("StartingPosition").asText());
        assertEquals("AggregateFailures", mapping.path("DestinationConfig").path("OnFailure").path("Destination").path("Fn::GetAtt").path(0).asText());
        assertEquals("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"EV#\"}]}}}}",
                mapping.path("FilterCriteria").path("Filters").path(0).path("Pattern").asText());
        assertEquals("AggregateFunctionAliaslive", mapping.path("FunctionName").path("Ref").asText(), "SnapStart: events go to the published alias");
    }

    /** The negative controls: a broken template must fail the transform, or the reference check. */
    @Test
    void brokenCopiesOfTheTemplateFail() throws IOException {
        String template = Files.readString(Fixtures.repositoryRoot().resolve("template.yaml"));

        String badEvent = template.replaceFirst("(?m)^            Method: POST$", "            Methd: POST");
        assertNotEquals(template, badEvent);
        Translation invalid = translate(write("bad-event.yaml", badEvent), "us-east-1");
        assertNotEquals(0, invalid.exit(), "an HttpApi event with an unknown property must fail the transform");
        assertTrue(invalid.output().contains("Event with id [Collect] is invalid"), invalid.output());

        String missingResource = template.replace("LogGroup: !Ref CollectLogs", "LogGroup: !Ref CollectLogz");
        assertNotEquals(template, missingResource);
        Translation dangling = translate(write("missing-resource.yaml", missingResource), "us-east-1");
        assertEquals(0, dangling.exit(), "SAM itself lets a Ref to nothing through (CloudFormation would refuse it at deploy time): " + dangling.output());
        assertEquals(List.of("CollectFunction: Ref CollectLogz"), ResolvedTemplate.of(dangling.cloudFormation(), Map.of()).danglingReferences(),
                "the reference check must find it");

        // A Ref from an unconditional resource to one that exists only with EdgeProtection on.
        String conditional = template.replace("WebACLId: !If [EdgeProtectionOn, !GetAtt EdgeWebAcl.Arn, !Ref 'AWS::NoValue']",
                "WebACLId: !GetAtt EdgeWebAcl.Arn");
        assertNotEquals(template, conditional);
        JsonNode unconditional = translate(write("conditional.yaml", conditional), "us-east-1").cloudFormation();
        assertEquals(List.of(), ResolvedTemplate.of(unconditional, Map.of("EdgeProtection", "on")).danglingReferences());
        assertEquals(List.of("StaticDistribution: Fn::GetAtt EdgeWebAcl"), ResolvedTemplate.of(unconditional, Map.of()).danglingReferences(),
                "with EdgeProtection off, the web ACL does not exist");

        // The reports function naming the distribution, whose origin is the reports API, whose routes name the function.
        String circular = template.replace("REPORTS_ALLOWED_ORIGINS: !Sub 'https://no-cross-origin.invalid,${ReportsAllowedOrigins}'",
                "REPORTS_ALLOWED_ORIGINS: !Sub 'https://${StaticDistribution.DomainName},${ReportsAllowedOrigins}'");
        assertNotEquals(template, circular);
        List<String> cycle = ResolvedTemplate.of(translate(write("circular.yaml", circular), "us-east-1").cloudFormation(), Map.of()).dependencyCycle();
        assertTrue(cycle.containsAll(List.of("ReportsFunction", "StaticDistribution", "ReportsApi")), "the cycle must be found: " + cycle);
    }

    private void checkRoutesThrottlesAndCors(ResolvedTemplate deployed) {
        // README, "What gets deployed": the public API and the reports API, and nothing else.
        assertEquals(Map.of("/v1/events", Set.of("post"), "/v1/sites/{site}/trending", Set.of("get")), routes(deployed, "PublicApi"));
        assertEquals(Map.of("/v1/sites/{site}/reports/{report+}", Set.of("get")), routes(deployed, "ReportsApi"));

        JsonNode publicCors = deployed.resource("PublicApi").path("Properties").path("Body").path("x-amazon-apigateway-cors");
        assertEquals(List.of("*"), strings(publicCors.path("allowOrigins")), "publishers' pages call it from anywhere");
        assertEquals(List.of("content-type"), strings(publicCors.path("allowHeaders")));
        assertTrue(deployed.resource("ReportsApi").path("Properties").path("Body").path("x-amazon-apigateway-cors").isMissingNode(),
                "the dashboard is same-origin with the reports: no other origin is answered unless ReportsAllowedOrigins names it");
        String functionOrigins = deployed.resource("ReportsFunction").path("Properties").path("Environment").path("Variables")
                .path("REPORTS_ALLOWED_ORIGINS").toString();
        assertFalse(functionOrigins.contains("*") || functionOrigins.equals("\"\""), "never any origin: " + functionOrigins);

        // README, "Parameters": the route throttles.
        JsonNode publicStage = deployed.resource("PublicApiApiGatewayDefaultStage").path("Properties");
        assertEquals(1000, publicStage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt());
        assertEquals(2000, publicStage.path("DefaultRouteSettings").path("ThrottlingBurstLimit").asInt());
        assertEquals("CollectRateLimit", publicStage.path("RouteSettings").path("POST /v1/events").path("ThrottlingRateLimit").path("Ref").asText());
        assertEquals("CollectBurstLimit", publicStage.path("RouteSettings").path("POST /v1/events").path("ThrottlingBurstLimit").path("Ref").asText());
        JsonNode reportsStage = deployed.resource("ReportsApiApiGatewayDefaultStage").path("Properties");
        assertEquals(20, reportsStage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt());
        assertEquals(40, reportsStage.path("DefaultRouteSettings").path("ThrottlingBurstLimit").asInt());
    }

    private void checkReportsBehavior(ResolvedTemplate deployed, JsonNode distribution) {
        JsonNode reports = behaviors(distribution).get("/v1/sites/*/reports/*");
        assertEquals("reports-api", reports.path("TargetOriginId").asText());
        assertEquals(CACHING_DISABLED, reports.path("CachePolicyId").asText(), "reports are never cached at the edge");
        assertEquals(ALL_VIEWER_EXCEPT_HOST, reports.path("OriginRequestPolicyId").asText(), "the Authorization header goes on, Host does not");
        assertEquals("https-only", reports.path("ViewerProtocolPolicy").asText(), "a key never travels in clear, not even to a redirect");
        JsonNode origin = origins(distribution).get("reports-api");
        assertEquals("{\"Fn::Sub\":\"${ReportsApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}\"}", origin.path("DomainName").toString());
        assertEquals("https-only", origin.path("CustomOriginConfig").path("OriginProtocolPolicy").asText());
        for (JsonNode behavior : behaviors(distribution).values()) {
            assertTrue(origins(distribution).containsKey(behavior.path("TargetOriginId").asText()), "a behavior to no origin: " + behavior);
        }
        assertTrue(deployed.root().path("Outputs").has("DashboardUrl"));
    }

    /** Every behavior sends security headers; the dashboard's forbid framing and any other origin. */
    private void checkResponseHeaders(ResolvedTemplate deployed, JsonNode distribution) {
        List<JsonNode> all = new ArrayList<>(behaviors(distribution).values());
        all.add(distribution.path("DefaultCacheBehavior"));
        for (JsonNode behavior : all) {
            String policy = behavior.path("ResponseHeadersPolicyId").path("Ref").asText();
            JsonNode security = deployed.resource(policy).path("Properties").path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");
            String where = behavior.path("PathPattern").asText("default") + " (" + policy + ")";
            assertTrue(security.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt() >= 31536000, where + ": HSTS for a year or more");
            assertTrue(security.path("ContentTypeOptions").path("Override").asBoolean(), where + ": nosniff");
            assertEquals("DENY", security.path("FrameOptions").path("FrameOption").asText(), where);
            assertFalse(security.path("ReferrerPolicy").path("ReferrerPolicy").asText().isEmpty(), where + ": a referrer policy");
        }
        String dashboard = behaviors(distribution).get("/dashboard/*").path("ResponseHeadersPolicyId").path("Ref").asText();
        String csp = deployed.resource(dashboard).path("Properties").path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig")
                .path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText();
        assertTrue(csp.contains("connect-src 'self';") && csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("http:") || csp.contains("https:"), "no other origin may be reached: " + csp);
        JsonNode staticCors = deployed.resource(distribution.path("DefaultCacheBehavior").path("ResponseHeadersPolicyId").path("Ref").asText())
                .path("Properties").path("ResponseHeadersPolicyConfig").path("CorsConfig");
        assertEquals(List.of("*"), strings(staticCors.path("AccessControlAllowOrigins").path("Items")), "publishers' pages load the script from any origin");
    }

    private static JsonNode distribution(ResolvedTemplate deployed) {
        return deployed.resource("StaticDistribution").path("Properties").path("DistributionConfig");
    }

    private static Map<String, JsonNode> behaviors(JsonNode distribution) {
        Map<String, JsonNode> behaviors = new LinkedHashMap<>();
        distribution.path("CacheBehaviors").forEach(behavior -> behaviors.put(behavior.path("PathPattern").asText(), behavior));
        return behaviors;
    }

    private static Map<String, JsonNode> origins(JsonNode distribution) {
        Map<String, JsonNode> origins = new LinkedHashMap<>();
        distribution.path("Origins").forEach(origin -> origins.put(origin.path("Id").asText(), origin));
        return origins;
    }

    /** An HttpApi's routes from the OpenAPI body SAM writes: path to methods. */
    private static Map<String, Set<String>> routes(ResolvedTemplate deployed, String api) {
        Map<String, Set<String>> routes = new TreeMap<>();
        deployed.resource(api).path("Properties").path("Body").path("paths").properties()
                .forEach(path -> routes.put(path.getKey(), new TreeSet<>(iterableNames(path.getValue()))));
        return routes;
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String defaultOf(JsonNode template, String parameter) {
        return template.path("Parameters").path(parameter).path("Default").asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        asList(node).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(scratch.resolve(name), text);
    }

    record Translation(int exit, String output, JsonNode cloudFormation) {
    }

    private Translation translate(Path template, String region, String... parameters) {
        Path out = scratch.resolve("out-" + System.nanoTime() + ".json");
        List<String> command = new ArrayList<>(List.of(tool.toString(), template.toString(), out.toString()));
        command.addAll(List.of(parameters));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("AWS_DEFAULT_REGION", region);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "sam-translate did not finish within 2 minutes");
            JsonNode cloudFormation = process.exitValue() == 0 ? MAPPER.readTree(out.toFile()) : null;
            return new Translation(process.exitValue(), output, cloudFormation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void skip(String message) {
        System.out.println("[readpulse] " + message);
        Assumptions.abort(message);
    }
}
