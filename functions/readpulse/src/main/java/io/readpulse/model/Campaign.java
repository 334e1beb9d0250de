package io.readpulse.model;

/**
 * The {@code utm_source}, {@code utm_medium} and {@code utm_campaign} of the URL a reader landed on:
 * a claim of the page's address, cleaned like a title. Each part may be null, never all three.
 */
public record Campaign(String source, String medium, String name) {
}
