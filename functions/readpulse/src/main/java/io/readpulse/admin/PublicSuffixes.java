package io.readpulse.admin;

import java.util.Set;

/**
 * The most common public suffixes of more than one label: names under which anyone can register
 * their own (news.co.uk, someone.github.io), so that one of them as a site's domain would admit
 * every site under it. A single label (com, uk, app) is refused by {@link DomainName} without a
 * list. This is a small hand-picked part of the Public Suffix List (publicsuffix.org), not the
 * list itself: a suffix missing here (com.fj, or a hosting provider's newest one) is accepted.
 */
final class PublicSuffixes {
    private static final Set<String> MULTI_LABEL = Set.of(
            // Countries' second levels
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "sch.uk", "nhs.uk", "police.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "school.nz", "geek.nz", "gen.nz", "kiwi.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "gr.jp", "ed.jp", "lg.jp",
            "com.br", "net.br", "org.br", "gov.br", "edu.br",
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "res.in", "gov.in",
            "com.mx", "net.mx", "org.mx", "gob.mx", "edu.mx",
            "co.za", "org.za", "net.za", "web.za", "gov.za", "ac.za",
            "co.kr", "or.kr", "ne.kr", "go.kr", "ac.kr",
            "co.id", "or.id", "web.id", "ac.id", "go.id",
            "co.il", "org.il", "net.il", "ac.il", "gov.il",
            "co.th", "in.th", "or.th", "ac.th", "go.th",
            "co.ke", "or.ke", "ac.ke", "go.ke",
            "com.ar", "com.tr", "com.tw", "com.hk", "com.sg", "com.my", "com.ph", "com.pk", "com.ng", "com.eg",
            "com.sa", "com.ua", "com.vn", "com.co", "com.pe", "com.ve", "com.uy", "com.ec", "com.pl", "com.es", "com.pt",
            "com.gr", "com.ru", "org.ru", "net.ru", "co.at", "or.at", "ac.at", "gv.at",
            // Hosting providers that give each customer a name under theirs
            "github.io", "githubusercontent.com", "gitlab.io", "herokuapp.com", "herokussl.com",
            "cloudfront.net", "amazonaws.com", "s3.amazonaws.com", "elasticbeanstalk.com", "awsapprunner.com",
            "azurewebsites.net", "azurestaticapps.net", "azureedge.net", "cloudapp.net", "trafficmanager.net",
            "blogspot.com", "appspot.com", "web.app", "firebaseapp.com", "run.app", "cloudfunctions.net",
            "pages.dev", "workers.dev", "vercel.app", "now.sh", "netlify.app", "onrender.com", "fly.dev",
            "glitch.me", "surge.sh", "ngrok.io", "ngrok-free.app", "repl.co", "replit.dev",
            "myshopify.com", "wixsite.com", "wordpress.com", "readthedocs.io", "gitbook.io",
            "digitaloceanspaces.com", "ondigitalocean.app", "fastly.net", "global.ssl.fastly.net", "translate.goog");

    private PublicSuffixes() {
    }

    /** True if {@code domain} (lower-case ASCII) is one of the listed suffixes itself. */
    static boolean isListed(String domain) {
        return MULTI_LABEL.contains(domain);
    }
}
