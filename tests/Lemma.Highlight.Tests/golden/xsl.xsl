<?xml version="1.0" encoding="UTF-8"?>
<!-- Renders an RSS feed as a readable page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="yes"/>

  <xsl:template match="/rss/channel">
    <html>
      <head><title><xsl:value-of select="title"/></title></head>
      <body>
        <h1><xsl:value-of select="title"/></h1>
        <xsl:for-each select="item[position() &lt;= 20]">
          <article>
            <a href="{link}"><xsl:value-of select="title"/></a>
            <xsl:if test="pubDate">
              <time><xsl:value-of select="substring(pubDate, 6, 11)"/></time>
            </xsl:if>
          </article>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
